/**
 * After a navigation, keyboard and screen-reader users continue from the new screen's
 * heading. Screens load their data after they appear, so this waits (briefly) for the
 * heading to exist; a screen that focuses something itself first is left alone.
 */
export function focusScreenHeading(root: ParentNode = document, timeoutMs = 1500) {
  const started = performance.now();
  const previous = document.activeElement;
  const attempt = () => {
    if (document.activeElement !== previous && document.activeElement !== document.body) return;
    const heading = root.querySelector<HTMLElement>('main h1');
    if (heading) {
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
    } else if (performance.now() - started < timeoutMs) {
      requestAnimationFrame(attempt);
    }
  };
  requestAnimationFrame(attempt);
}

/** Keeps Tab and Shift+Tab inside `container` (an open dialog or panel). */
export function keepTabInside(event: KeyboardEvent, container: HTMLElement | undefined) {
  if (event.key !== 'Tab' || !container) return;
  const focusable = [...container.querySelectorAll<HTMLElement>('button:not([disabled]), input, select, textarea')];
  const [first, last] = [focusable[0], focusable[focusable.length - 1]];
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last?.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first?.focus();
  }
}
