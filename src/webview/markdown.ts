import type { ClusterView, ViewStep } from '../shared/protocol';

/** Escapes Markdown markup: names and messages from manifests stay text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** The narrated timeline as Markdown: one line per step, with the path it took. */
export function timelineMarkdown(view: ClusterView, steps: readonly ViewStep[]): string {
  const lines = [`# ${escapeMarkdown(view.title)}: what happened`, '', `Simulated by Kube Anatomy; ${steps.length} step(s), up to t=${view.time}s.`, ''];
  for (const s of steps) {
    const path = s.hops.map((h) => `${h.from} → ${h.to}${h.port ? ` :${h.port}` : ''}${h.kind === 'watch' ? ' (watch)' : ''}`).join('; ');
    lines.push(`- **t=${s.time}s** ${escapeMarkdown(s.text)}${path ? `  \n  _${escapeMarkdown(path)}_` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
