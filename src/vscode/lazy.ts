/**
 * The one way the activation bundle reaches the language bundle (dist/language.js, built from
 * ./language.ts): everything that needs `yaml`, the API table, the field teaching, the glossary or the
 * lesson parser loads on first use, so activation stays small (docs/ARCHITECTURE.md, "Build").
 * A build without sibling files (the web extension) replaces this module by a direct import of ./language.
 */
import type * as Language from './language';

export type LanguageModule = typeof Language;

let loading: Promise<LanguageModule> | undefined;

/** Loads the language bundle once; every caller gets the same module. */
export function loadLanguage(): Promise<LanguageModule> {
  loading ??= Promise.resolve().then(() => {
    // A require esbuild cannot follow, so dist/language.js stays a separate file.
    const file = `${__dirname}/language.js`;
    return require(file) as LanguageModule; // eslint-disable-line @typescript-eslint/no-require-imports
  });
  return loading;
}

