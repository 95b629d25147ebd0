import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CONFIDENT, detectableText, detectLanguage } from '../../src/core/detect';
import type { LanguageCode } from '../../src/core/languages';

/**
 * Real text: article 1 of the Universal Declaration of Human Rights in its official or most
 * published translations, and README-style sentences such as this project translates.
 */
const UDHR: Record<LanguageCode, string> = {
  ko: '모든 인간은 태어날 때부터 자유로우며 그 존엄과 권리에 있어 동등하다. 인간은 천부적으로 이성과 양심을 부여받았으며 서로 형제애의 정신으로 행동하여야 한다.',
  ja: 'すべての人間は、生れながらにして自由であり、かつ、尊厳と権利とについて平等である。人間は、理性と良心とを授けられており、互いに同胞の精神をもって行動しなければならない。',
  'zh-Hans': '人人生而自由，在尊严和权利上一律平等。他们赋有理性和良心，并应以兄弟关系的精神相对待。',
  'zh-Hant': '人人生而自由，在尊嚴和權利上一律平等。他們賦有理性和良心，並應以兄弟關係的精神相對待。',
  th: 'มนุษย์ทั้งหลายเกิดมามีอิสระและเสมอภาคกันในเกียรติศักด์และสิทธิ ต่างมีเหตุผลและมโนธรรม และควรปฏิบัติต่อกันด้วยเจตนารมณ์แห่งภราดรภาพ',
  ar: 'يولد جميع الناس أحرارًا متساوين في الكرامة والحقوق. وقد وهبوا عقلاً وضميرًا وعليهم أن يعامل بعضهم بعضًا بروح الإخاء.',
  ru: 'Все люди рождаются свободными и равными в своем достоинстве и правах. Они наделены разумом и совестью и должны поступать в отношении друг друга в духе братства.',
  en: 'All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.',
  fr: 'Tous les êtres humains naissent libres et égaux en dignité et en droits. Ils sont doués de raison et de conscience et doivent agir les uns envers les autres dans un esprit de fraternité.',
  de: 'Alle Menschen sind frei und gleich an Würde und Rechten geboren. Sie sind mit Vernunft und Gewissen begabt und sollen einander im Geist der Brüderlichkeit begegnen.',
  es: 'Todos los seres humanos nacen libres e iguales en dignidad y derechos y, dotados como están de razón y conciencia, deben comportarse fraternalmente los unos con los otros.',
  pt: 'Todos os seres humanos nascem livres e iguais em dignidade e em direitos. Dotados de razão e de consciência, devem agir uns para com os outros em espírito de fraternidade.',
  id: 'Semua orang dilahirkan merdeka dan mempunyai martabat dan hak-hak yang sama. Mereka dikaruniai akal dan hati nurani dan hendaknya bergaul satu sama lain dalam semangat persaudaraan.',
  vi: 'Tất cả mọi người sinh ra đều được tự do và bình đẳng về nhân phẩm và quyền. Mọi con người đều được tạo hóa ban cho lý trí và lương tâm và cần phải đối xử với nhau trong tình bằng hữu.',
  it: 'Tutti gli esseri umani nascono liberi ed eguali in dignità e diritti. Essi sono dotati di ragione e di coscienza e devono agire gli uni verso gli altri in spirito di fratellanza.',
  tr: 'Bütün insanlar hür, haysiyet ve haklar bakımından eşit doğarlar. Akıl ve vicdana sahiptirler ve birbirlerine karşı kardeşlik zihniyeti ile hareket etmelidirler.',
};

/** A README in Korean whose code, links, front-matter keys and identifiers are all English. */
const KOREAN_README = `---
title: 시작하기
description: 게임 서버를 설치하는 방법
tags: [server, setup]
---

# 시작하기

명령 하나로 **서버**를 설치한 다음 [대시보드](https://example.com/dashboard/getting-started "Dashboard")를 엽니다.

\`\`\`sh
npm install game-server --save
export GAME_SERVER_PORT=8080 GAME_SERVER_HOST=localhost
node ./node_modules/game-server/bin/start.js --config ./config/server.json
\`\`\`

설정 파일은 \`config/server.json\`에 있습니다. <img src="images/architecture.png" alt="architecture">
`;

/** A French README of some length, with code and links as such files have. */
const FRENCH_README = `# Démarrage rapide

Ce guide explique comment installer le serveur de jeu, le configurer pour votre équipe et le
mettre à jour sans interrompre les parties en cours. Comptez une dizaine de minutes.

## Installation

Installez le paquet avec la commande suivante, puis vérifiez que le service démarre bien sur
votre machine. Si le port est déjà utilisé, choisissez-en un autre dans le fichier de
configuration.

\`\`\`sh
npm install game-server
game-server start --port 8080
\`\`\`

## Configuration

Le fichier \`config/server.json\` contient les réglages principaux : le nom du serveur, la
langue des messages, le nombre maximal de joueurs et l'adresse de la base de données. Chaque
réglage est décrit dans la [documentation](https://example.com/docs/configuration).

## Mises à jour

Les nouvelles versions sont publiées chaque mois. Avant de mettre à jour, faites une copie de
sauvegarde de vos données, lisez les notes de version et prévenez les joueurs connectés. La mise
à jour elle-même ne prend que quelques secondes et conserve tous les comptes existants.

## Obtenir de l'aide

Ouvrez un ticket si vous rencontrez un problème, en joignant le journal du serveur et la version
utilisée. Les questions générales trouvent souvent leur réponse dans la foire aux questions.
`;

describe('detectLanguage', () => {
  for (const [language, text] of Object.entries(UDHR) as [LanguageCode, string][]) {
    it(`recognises ${language} (UDHR article 1)`, async () => {
      const detected = await detectLanguage(text);
      assert.equal(detected.language, language, JSON.stringify(detected));
      assert.equal(detected.candidates[0], language);
      assert.ok(detected.confidence >= CONFIDENT);
    });
  }

  it('is confident about long documents, whose trigram scores draw close (window by window)', async () => {
    const english = await detectLanguage(readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8'));
    assert.equal(english.language, 'en', JSON.stringify(english));
    const french = await detectLanguage(FRENCH_README);
    assert.equal(french.language, 'fr', JSON.stringify(french));
    assert.ok(french.confidence >= 0.8, JSON.stringify(french));
  });

  it('recognises README-style English sentences', async () => {
    const detected = await detectLanguage('Install the server with one command, then open the dashboard. Create an account and invite your team.');
    assert.equal(detected.language, 'en');
  });

  it('is not swayed by code, URLs, link targets, front-matter keys and identifiers', async () => {
    const detected = await detectLanguage(KOREAN_README);
    assert.equal(detected.language, 'ko', JSON.stringify(detected));
    assert.ok(detected.confidence >= 0.9, `confidence ${detected.confidence}`);
    // Without the stripping, the English in the code block and the URLs would outweigh the Korean.
    const english = detectableText(KOREAN_README).match(/\p{Script=Latin}/gu)?.length ?? 0;
    assert.ok(english <= 'Dashboard'.length, `${english} Latin letters left: ${detectableText(KOREAN_README)}`);
  });

  it('strips what an engine would not be sent', () => {
    const text = detectableText('---\ntitle: Bonjour\nlayout: post\n---\nSee `npm run build` at https://example.com/x or docs/guide.md, ⟦1⟧here⟦2⟧ <b>now</b> &amp; later.\n```js\nconst answer = 42;\n```\n[ref]: https://example.com\n');
    assert.doesNotMatch(text, /title|layout|npm|example|guide|const|answer|ref|⟦|amp|<b>/);
    assert.match(text, /Bonjour/);
    assert.match(text, /See .* at .* or .*here.* now .* later\./s);
  });

  it('tells Simplified from Traditional Chinese by the characters only one of them uses', async () => {
    assert.deepEqual((await detectLanguage('这个设置说明如何开始使用服务器。')).candidates, ['zh-Hans', 'zh-Hant']);
    assert.deepEqual((await detectLanguage('這個設定說明如何開始使用伺服器。')).candidates, ['zh-Hant', 'zh-Hans']);
  });

  it('reports both Chinese scripts, unsure, when no character tells them apart', async () => {
    const detected = await detectLanguage('人人生而自由，天下大同，上下一心，日月山川。');
    assert.equal(detected.language, undefined);
    assert.deepEqual(detected.candidates, ['zh-Hans', 'zh-Hant']);
  });

  it('takes Japanese for Han text with kana, and Korean for Hangul with a little hanja', async () => {
    assert.equal((await detectLanguage('設定ファイルを開いてサーバーを起動します。')).language, 'ja');
    assert.equal((await detectLanguage('대한민국(大韓民國)의 수도는 서울이며 인구가 가장 많은 도시입니다.')).language, 'ko');
  });

  it('is unsure of text too short to tell, listing the candidates best first', async () => {
    const detected = await detectLanguage('Hello');
    assert.equal(detected.language, undefined);
    assert.ok(detected.confidence < CONFIDENT);
    assert.ok(detected.candidates.length > 0);
  });

  it('is unsure of a text half in one language and half in another, listing both', async () => {
    const detected = await detectLanguage('서버를 설치한 다음 대시보드를 엽니다. Install the server, then open the dashboard.');
    assert.equal(detected.language, undefined);
    assert.deepEqual(detected.candidates.slice(0, 2).sort(), ['en', 'ko']);
  });

  it('has no candidate for text without letters', async () => {
    assert.deepEqual(await detectLanguage('```\ncode only\n```\n\n1234 — https://example.com'), { confidence: 0, candidates: [] });
  });
});
