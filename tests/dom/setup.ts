// Component-test setup: jest-dom matchers for Vitest, and the browser APIs jsdom lacks that the window uses.
import '@testing-library/jest-dom/vitest';

// virtua measures its viewport and rows with ResizeObserver; jsdom has no observer and no layout.
// This stand-in reports an element with a pixel height in its style (a virtualized row) at that
// height, and anything else (a list's viewport) as a 1024 x 560 box, so a virtualized list
// renders a realistic window of rows. virtua skips rows whose offsetParent is null, which jsdom
// always answers, so offsetParent falls back to the parent element.
export const VIEWPORT = { width: 1024, height: 560 };
if (typeof globalThis.ResizeObserver === 'undefined') {
  class ResizeObserverStub {
    constructor(private readonly callback: ResizeObserverCallback) {}
    observe(target: Element): void {
      queueMicrotask(() => {
        if (!target.isConnected) return;
        const declared = /^(\d+(?:\.\d+)?)px$/.exec((target as HTMLElement).style?.height ?? '');
        const size = declared ? { ...VIEWPORT, height: Number(declared[1]) } : VIEWPORT;
        const contentRect = { ...size, x: 0, y: 0, top: 0, left: 0 } as DOMRectReadOnly;
        this.callback([{ target, contentRect } as ResizeObserverEntry], this);
      });
    }
    unobserve(): void {}
    disconnect(): void {}
  }
  globalThis.ResizeObserver = ResizeObserverStub;
  Object.defineProperty(HTMLElement.prototype, 'offsetParent', {
    configurable: true,
    get(this: HTMLElement) {
      return this.isConnected ? this.parentElement : null;
    },
  });
}

// jsdom defines no scrolling on elements; tests only need the calls not to throw.
if (typeof Element.prototype.scrollTo !== 'function') {
  Element.prototype.scrollTo = function scrollTo(this: Element): void {};
}
if (typeof Element.prototype.scrollIntoView !== 'function') {
  Element.prototype.scrollIntoView = function scrollIntoView(this: Element): void {};
}
