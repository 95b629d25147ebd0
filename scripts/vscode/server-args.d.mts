// Types of server-args.mjs, for scripts written in TypeScript.
export declare function codeServerArgs(options: { config: string; port: number; userData: string; extensions: string }): string[];
