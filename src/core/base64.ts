/** Standard base64 (RFC 4648, padded), without Node's Buffer: the core also runs in the web build. */
export function base64(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

const utf8 = new TextEncoder();

/** A string's UTF-8 bytes in base64, as kube-apiserver stores a Secret's `stringData` in `data`. */
export function utf8Base64(text: string): string {
  return base64(utf8.encode(text));
}
