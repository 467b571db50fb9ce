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
