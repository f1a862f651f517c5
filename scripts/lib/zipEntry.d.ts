/** Writes `to`: the zip `from` with the text of entry `name` replaced by `transform(text)`. */
export function rewriteZipEntry(from: string, to: string, name: string, transform: (text: string) => string): void;
/** The entry names of a zip file, in central directory order. */
export function zipEntries(file: string): string[];
