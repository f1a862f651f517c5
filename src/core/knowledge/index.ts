export * from './types';
export { COMPONENTS, PORTS_PAGE } from './components';
export { TERMS } from './terms';
export { GLOSSARY, lookup, entryById } from './glossary';
export { computeHover, renderEntry, escapeMarkdown } from './hover';
export type { HoverResult, LiveStatus } from './hover';
