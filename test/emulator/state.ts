/** Per-route request and character counters. */
export class Counters {
  /** Requests received, faulted ones included, by route name. */
  readonly requests: Record<string, number> = {};
  /** Characters of text accepted for translation, by route name. */
  readonly chars: Record<string, number> = {};

  count(route: string): void {
    this.requests[route] = (this.requests[route] ?? 0) + 1;
  }

  addChars(route: string, chars: number): void {
    this.chars[route] = (this.chars[route] ?? 0) + chars;
  }

  reset(): void {
    for (const key of Object.keys(this.requests)) delete this.requests[key];
    for (const key of Object.keys(this.chars)) delete this.chars[key];
  }
}

/** One request as received. `status` is filled in when it is answered (0: no answer). */
export interface RequestLogEntry {
  route: string;
  method: string;
  /** The request-target as received, query string included. */
  path: string;
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The body decoded as UTF-8. */
  body: string;
}
