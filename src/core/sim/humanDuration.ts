/** kubectl's AGE: k8s.io/apimachinery/pkg/util/duration HumanDuration. */
export function age(seconds: number): string {
  const s = Math.floor(seconds);
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  if (h < 24 * 8) return h % 24 ? `${Math.floor(h / 24)}d${h % 24}h` : `${Math.floor(h / 24)}d`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24)}d`;
  const dy = Math.floor(h / 24) % 365;
  if (h < 24 * 365 * 8) return dy ? `${Math.floor(h / 24 / 365)}y${dy}d` : `${Math.floor(h / 24 / 365)}y`;
  return `${Math.floor(h / 24 / 365)}y`;
}
