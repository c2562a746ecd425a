// The layout probe: run in the page, it lists horizontal overflow, controls outside the viewport and text wider than its box.
//
/* global document, getComputedStyle, Node */
// Plain JavaScript so Playwright can ship it to the page as it is (page.evaluate(probeLayout)); the
// tests' TypeScript has no DOM library. Everything it needs is inside the function.

/**
 * @returns {import('./layout-probe.d.mts').LayoutProblem[]}
 */
export function probeLayout() {
  const viewport = document.documentElement.clientWidth;
  /** @type {import('./layout-probe.d.mts').LayoutProblem[]} */
  const problems = [];
  const SLACK = 1;

  /** A short, recognisable name for an element: tag, label or text, and the region it sits in. */
  const describe = (el) => {
    const tag = el.tagName.toLowerCase();
    const label =
      el.getAttribute('aria-label') ||
      el.getAttribute('title') ||
      (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    const cls = typeof el.className === 'string' ? el.className.split(/\s+/)[0] : '';
    const region = el.closest(
      'section[aria-labelledby], [role="grid"], [role="dialog"], nav, main',
    );
    const where = region
      ? region.getAttribute('aria-label') ||
        document
          .getElementById(region.getAttribute('aria-labelledby') || '')
          ?.textContent?.trim() ||
        region.tagName.toLowerCase()
      : 'page';
    return `${tag}${cls ? '.' + cls : ''} "${label}" in ${where}`;
  };
  // The socket tables (role=grid) are fitted to narrow widths separately: tag what is theirs.
  const owner = (el) =>
    el.closest('[role="grid"]') || el.querySelector('[role="grid"]') ? 'tables' : 'shell';
  const shown = (el) => {
    if (el.closest('.visually-hidden, [hidden], dialog:not([open])')) return false;
    // Also false inside a closed <details> (its content keeps boxes, but is not rendered).
    if (!el.checkVisibility({ contentVisibilityAuto: true, visibilityProperty: true }))
      return false;
    const box = el.getBoundingClientRect();
    if (box.width < 2 && box.height < 2) return false;
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none';
  };

  const root = document.scrollingElement || document.documentElement;
  if (root.scrollWidth > viewport + SLACK) {
    problems.push({
      kind: 'overflow',
      owner: document.querySelector('[role="grid"]') ? 'tables' : 'shell',
      what: 'document',
      detail: `scrollWidth ${root.scrollWidth} > viewport ${viewport}`,
    });
  }

  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();

    // A scroll box that scrolls sideways is overflow the user has to hunt for.
    if (
      (style.overflowX === 'auto' || style.overflowX === 'scroll') &&
      el.scrollWidth > el.clientWidth + SLACK
    ) {
      problems.push({
        kind: 'overflow',
        owner: owner(el),
        what: describe(el),
        detail: `scrolls sideways: scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`,
      });
    }

    const control = el.matches(
      'button, a[href], input:not([type="hidden"]), select, textarea, summary, [role="button"], [role="link"]',
    );
    if (control && !el.classList.contains('skip-link')) {
      if (box.left < -SLACK || box.right > viewport + SLACK) {
        problems.push({
          kind: 'clipped-control',
          owner: owner(el),
          what: describe(el),
          detail: `spans x ${Math.round(box.left)}–${Math.round(box.right)}, viewport ${viewport}`,
        });
      }
    }

    // Text cut by its own box: hidden/clipped overflow, unless deliberately ellipsized with a title.
    const clips = ['hidden', 'clip'].includes(style.overflowX);
    if (clips && el.scrollWidth > el.clientWidth + SLACK) {
      const ellipsized = style.textOverflow === 'ellipsis' && el.closest('[title]') !== null;
      if (!ellipsized && (el.textContent || '').trim() !== '') {
        problems.push({
          kind: 'clipped-text',
          owner: owner(el),
          what: describe(el),
          detail: `scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`,
        });
      }
    }

    // Text spilling out of a visible-overflow block (a word or address wider than its cell).
    const ownText = [...el.childNodes].some(
      (n) => n.nodeType === Node.TEXT_NODE && (n.textContent || '').trim() !== '',
    );
    if (
      ownText &&
      !clips &&
      style.display !== 'inline' &&
      el.clientWidth > 0 &&
      el.scrollWidth > el.clientWidth + SLACK &&
      style.overflowX === 'visible'
    ) {
      problems.push({
        kind: 'text-overflow',
        owner: owner(el),
        what: describe(el),
        detail: `text ${el.scrollWidth} px wide in a ${el.clientWidth} px box`,
      });
    }

    // Text squeezed into a sliver: a sentence set one or two characters per line.
    const words = (el.textContent || '').trim();
    const em = parseFloat(style.fontSize) || 14;
    if (ownText && words.length >= 12 && box.width < em * 3 && box.height > em * 4) {
      problems.push({
        kind: 'squeezed-text',
        owner: owner(el),
        what: describe(el),
        detail: `${words.length} characters in a ${Math.round(box.width)} px wide, ${Math.round(box.height)} px tall box`,
      });
    }
  }
  return problems;
}
