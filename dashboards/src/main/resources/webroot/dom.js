// Elements are built with textContent, never innerHTML, so names and summaries from devices cannot inject markup.
// Styles are set as properties ({style: {width: '40%'}}), never as a style attribute: the content security policy
// allows no inline style, and an attribute would be refused.
const SVG_NS = 'http://www.w3.org/2000/svg';

function build(el, props, children) {
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value == null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'value' && 'value' in el) el.value = value;
    else if (key === 'style') Object.assign(el.style, value);
    else el.setAttribute(key === 'class' && el instanceof SVGElement ? 'class' : key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** h('button', {'data-testid': 'login-submit', onclick}, 'Sign in') */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** The same for SVG elements (the crowd map and the charts). */
export function s(tag, props, ...children) {
  return build(document.createElementNS(SVG_NS, tag), props, children);
}

export function clear(el, ...children) {
  el.replaceChildren();
  return append(el, children);
}

/** Runs fn at most once per `ms`, trailing: bursts of live events become one refetch. */
export function throttle(fn, ms) {
  let timer = null;
  const wrapped = () => {
    if (timer) return;
    timer = setTimeout(() => { timer = null; fn(); }, ms);
  };
  wrapped.cancel = () => { clearTimeout(timer); timer = null; };
  return wrapped;
}
