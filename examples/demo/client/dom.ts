// A tiny element builder for the demo page: h('div.card', { title }, child, …).

type Child = Node | string | null | undefined | false;

/** Creates an element from `tag.class.class`, attributes and children. */
export function h(spec: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const [tag, ...classes] = spec.split('.');
  const el = document.createElement(tag || 'div');
  if (classes.length > 0) el.className = classes.join(' ');
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  for (const child of children)
    if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** Minutes and seconds since `since`, as a call timer shows them. */
export function elapsed(since: number | undefined, now = Date.now()): string {
  if (since === undefined) return '0:00';
  const seconds = Math.max(0, Math.floor((now - since) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
