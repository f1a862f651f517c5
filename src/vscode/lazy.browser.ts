/**
 * lazy.ts for the web extension (esbuild.js swaps it in): a web extension is one file, it cannot
 * `require` dist/language.js, so the language module is bundled in and "loading" it only resolves.
 */
import * as language from './language';

export type LanguageModule = typeof language;

/** The language module, already in this bundle. */
export function loadLanguage(): Promise<LanguageModule> {
  return Promise.resolve(language);
}
