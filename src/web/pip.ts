// The small Document Picture-in-Picture window Media Session's `enterpictureinpicture` opens:
// the call's name and its three controls. In Chrome this is also where the browser draws its
// own conferencing buttons (W3), so a hidden call stays one click from mute and hang up.
import type { MediaSessionSpec } from '../core/types';
import type { WebEnv } from './env';

/** What a button in the window asks for. */
export type PipAction =
  | { type: 'mute'; muted: boolean }
  | { type: 'camera'; enabled: boolean }
  | { type: 'hangup' };

/** Lets the app add its own content (its video, say) below keepcall's controls. */
export type PipDecorator = (win: Window, spec: MediaSessionSpec) => void;

/** Owns the picture-in-picture window: opens it, keeps its buttons in step, reports clicks. */
export class PipWindow {
  private win: Window | undefined;
  private spec: MediaSessionSpec | null = null;

  /** Wires the window to the browser, the port's action sink and an optional decorator. */
  constructor(
    private readonly env: WebEnv,
    private readonly onAction: (action: PipAction, spec: MediaSessionSpec) => void,
    private readonly onOpenChange: (open: boolean) => void,
    private readonly decorate?: PipDecorator,
  ) {}

  /** Whether the window is showing. */
  get open(): boolean {
    return this.win !== undefined && !this.win.closed;
  }

  /** Opens the window for this call; false where Document Picture-in-Picture is missing. */
  async show(spec: MediaSessionSpec): Promise<boolean> {
    this.spec = spec;
    const api = this.env.pictureInPicture;
    if (!api) return false;
    if (this.open) return true;
    const win = await api.requestWindow({ width: 320, height: 160 });
    this.win = win;
    win.addEventListener('pagehide', () => {
      this.win = undefined;
      this.onOpenChange(false);
    });
    this.render();
    this.decorate?.(win, spec);
    this.onOpenChange(true);
    return true;
  }

  /** Follows the call's state; closes the window when the call is gone. */
  update(spec: MediaSessionSpec | null): void {
    this.spec = spec;
    if (!this.open) return;
    if (!spec) {
      this.win?.close();
      return;
    }
    this.render();
  }

  private render(): void {
    const win = this.win;
    const spec = this.spec;
    if (!win || !spec) return;
    const doc = win.document;
    let root = doc.getElementById('keepcall-pip');
    if (!root) {
      root = doc.createElement('div');
      root.id = 'keepcall-pip';
      root.setAttribute(
        'style',
        'font:14px system-ui,sans-serif;color:#fff;background:#1f2430;padding:12px;display:flex;flex-direction:column;gap:10px',
      );
      doc.body.style.margin = '0';
      doc.body.prepend(root);
    }
    root.replaceChildren(
      text(doc, spec.title, 'font-weight:600'),
      row(doc, [
        button(doc, spec.microphoneActive ? 'Mute' : 'Unmute', '#3b4252', () =>
          this.act({ type: 'mute', muted: spec.microphoneActive }),
        ),
        button(doc, spec.cameraActive ? 'Camera off' : 'Camera on', '#3b4252', () =>
          this.act({ type: 'camera', enabled: !spec.cameraActive }),
        ),
        button(doc, 'Hang up', '#d93025', () => this.act({ type: 'hangup' })),
      ]),
    );
  }

  private act(action: PipAction): void {
    if (this.spec) this.onAction(action, this.spec);
  }
}

function text(doc: Document, value: string, style: string): HTMLElement {
  const el = doc.createElement('div');
  el.textContent = value;
  el.setAttribute('style', style);
  return el;
}

function row(doc: Document, children: HTMLElement[]): HTMLElement {
  const el = doc.createElement('div');
  el.setAttribute('style', 'display:flex;gap:8px');
  el.append(...children);
  return el;
}

function button(doc: Document, label: string, color: string, onClick: () => void): HTMLElement {
  const el = doc.createElement('button');
  el.textContent = label;
  el.setAttribute(
    'style',
    `flex:1;padding:8px;border:0;border-radius:6px;color:#fff;background:${color};cursor:pointer`,
  );
  el.addEventListener('click', onClick);
  return el;
}
