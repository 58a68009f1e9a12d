/**
 * The legacy 16-bit sheet-protection password hash (ECMA-376 Part 4, §14.7.1), written as four
 * hexadecimal digits in `<sheetProtection password="…">`. Excel, WPS and LibreOffice all accept it.
 * It keeps honest people out and nothing more: anyone can lift it. Characters beyond Latin-1 enter
 * as their low byte (the hash is defined over single-byte code pages), so ASCII passwords are the
 * ones that unlock identically everywhere.
 */
export function legacyPasswordHash(password: string): string {
  if (password.length === 0) return "";
  let hash = 0;
  for (let i = password.length - 1; i >= 0; i--) {
    hash = rotateLeft15(hash) ^ (password.charCodeAt(i) & 0xff);
  }
  hash = rotateLeft15(hash) ^ password.length ^ 0xce4b;
  return hash.toString(16).toUpperCase().padStart(4, "0");
}

/** One-bit left rotation within 15 bits. */
function rotateLeft15(value: number): number {
  return ((value >> 14) & 0x01) | ((value << 1) & 0x7fff);
}
