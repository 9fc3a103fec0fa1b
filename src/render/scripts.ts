import { FONTS } from './html.ts'

/**
 * The two scripts of embedding, served as static files (no inline script, so the embed pages' CSP stays strict).
 *
 * - RESIZE_SCRIPT (the page script) runs inside the embed page (iframe). It tells the parent page its content height,
 *   whenever it changes (`{ type: 'als-embed:resize', height }`); it shows a citation's reference on tap, hover or
 *   keyboard (a popover placed at its marker, `aria-expanded` on the marker); and it follows in-page links (table of
 *   contents, "go to the reference list"): it opens the folded section that holds the target, focuses it, and asks
 *   the parent to scroll there (`{ type: 'als-embed:scroll', top }`), since an iframe sized to its content has nothing
 *   to scroll itself. Neither message is secret, so any parent may read them. Before printing it opens every section.
 * - EMBED_SCRIPT runs on the host page: each `<div data-als-topic="symptoms" data-lang="tr">` becomes an iframe of
 *   the embed page, sized and scrolled by the messages of that very iframe (checked by origin and by source window).
 *   It leaks no globals (one IIFE, strict mode) and sets no cookies.
 */

export const RESIZE_MESSAGE = 'als-embed:resize'
export const SCROLL_MESSAGE = 'als-embed:scroll'

export const RESIZE_SCRIPT = `(function () {
  'use strict';
  var framed = window.parent !== window;
  var root = document.documentElement;
  var last = -1;
  function send() {
    var height = Math.ceil(root.getBoundingClientRect().height);
    if (!framed || height === last) return;
    last = height;
    window.parent.postMessage({ type: '${RESIZE_MESSAGE}', height: height }, '*');
  }
  if (typeof ResizeObserver === 'function') new ResizeObserver(send).observe(root);
  window.addEventListener('load', send);
  send();

  function top(element) { return element.getBoundingClientRect().top + window.pageYOffset; }
  function openAround(element) {
    for (var node = element; node; node = node.parentElement) if (node.tagName === 'DETAILS') node.open = true;
  }
  function go(target) {
    var details = target.parentElement && target.parentElement.tagName === 'SUMMARY' ? target.parentElement.parentElement : null;
    if (details) details.open = true;
    openAround(target);
    send();
    var marked = document.querySelector('.is-target');
    if (marked) marked.classList.remove('is-target');
    if (target.tagName === 'LI') target.classList.add('is-target');
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    if (root.scrollHeight > window.innerHeight + 1) target.scrollIntoView({ block: 'start' });
    if (framed) window.parent.postMessage({ type: '${SCROLL_MESSAGE}', top: Math.max(0, Math.round(top(target))) }, '*');
  }

  var invoker = null;
  var hovering = null;
  var timer = 0;
  function popoverOf(button) { return document.getElementById(button.getAttribute('popovertarget')); }
  function place(button, pop) {
    var rect = button.getBoundingClientRect();
    var width = pop.offsetWidth;
    var left = Math.min(Math.max(8, rect.left + window.pageXOffset - 16), Math.max(8, root.clientWidth - width - 8));
    var below = rect.bottom + window.pageYOffset + 6;
    var height = pop.offsetHeight;
    var y = below + height > root.getBoundingClientRect().height && top(button) - height - 6 >= 0 ? top(button) - height - 6 : below;
    pop.style.position = 'absolute';
    pop.style.inset = 'auto';
    pop.style.margin = '0';
    pop.style.left = left + 'px';
    pop.style.top = y + 'px';
  }
  function expand(button, open) {
    if (button) button.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  var buttons = document.querySelectorAll('button.cite');
  for (var i = 0; i < buttons.length; i++) buttons[i].setAttribute('aria-expanded', 'false');
  var pops = document.querySelectorAll('.ref-pop');
  for (var j = 0; j < pops.length; j++) {
    pops[j].addEventListener('toggle', function (event) {
      var open = event.newState === 'open';
      if (open && invoker) place(invoker, event.target);
      if (!open && invoker && popoverOf(invoker) === event.target) { expand(invoker, false); invoker = null; hovering = null; }
    });
  }
  function show(button, byHover) {
    var pop = popoverOf(button);
    if (!pop || typeof pop.showPopover !== 'function') return;
    if (invoker && invoker !== button) expand(invoker, false);
    invoker = button;
    hovering = byHover ? button : null;
    expand(button, true);
    if (!pop.matches(':popover-open')) pop.showPopover();
    place(button, pop);
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) {
      var target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
      if (!target) return;
      event.preventDefault();
      var open = link.closest('.ref-pop');
      if (open && typeof open.hidePopover === 'function') open.hidePopover();
      go(target);
      return;
    }
    var button = event.target.closest && event.target.closest('button.cite');
    if (!button) return;
    var pop = popoverOf(button);
    if (!pop || typeof pop.showPopover !== 'function') return;
    // The marker works itself (popovertarget); this decides what a click means when hover opened it already.
    if (pop.matches(':popover-open') && invoker === button && hovering === button) {
      event.preventDefault();
      hovering = null;
      return;
    }
    if (pop.matches(':popover-open') && invoker !== button) {
      // Another marker of the same reference: move the open popover there rather than close it.
      event.preventDefault();
      show(button, false);
      return;
    }
    if (invoker && invoker !== button) expand(invoker, false);
    invoker = button;
    hovering = null;
    expand(button, !pop.matches(':popover-open'));
  });

  function hoverable(event) { return event.pointerType === 'mouse'; }
  document.addEventListener('pointerover', function (event) {
    if (!hoverable(event)) return;
    var button = event.target.closest && event.target.closest('button.cite');
    var inside = event.target.closest && event.target.closest('.ref-pop');
    if (button || inside) clearTimeout(timer);
    if (button && invoker !== button) timer = setTimeout(function () { show(button, true); }, 150);
  });
  document.addEventListener('pointerout', function (event) {
    if (!hoverable(event) || !hovering) return;
    clearTimeout(timer);
    timer = setTimeout(function () {
      var pop = hovering && popoverOf(hovering);
      if (pop && hovering && pop.matches(':popover-open')) pop.hidePopover();
    }, 300);
  });

  var folded = [];
  window.addEventListener('beforeprint', function () {
    var closed = document.querySelectorAll('details:not([open])');
    for (var k = 0; k < closed.length; k++) { closed[k].open = true; folded.push(closed[k]); }
  });
  window.addEventListener('afterprint', function () {
    while (folded.length) folded.pop().open = false;
  });
})();
`

export const EMBED_SCRIPT = `(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var SECTIONS = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:,[a-z0-9]+(?:-[a-z0-9]+)*)*$/;
  var ACCENT = /^#?(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
  var FONTS = ${JSON.stringify(FONTS)};
  var frames = [];

  function attr(element, name) {
    return element.getAttribute('data-als-' + name) || element.getAttribute('data-' + name) || '';
  }
  function warn(message) {
    if (window.console) window.console.warn('ALS embed: ' + message);
  }
  function mount(element) {
    if (element.getAttribute('data-als-mounted') === 'true') return;
    var topic = element.getAttribute('data-als-topic') || '';
    var query = [];
    var lang = attr(element, 'lang').toLowerCase().slice(0, 2);
    if (lang === 'en' || lang === 'tr') query.push('lang=' + lang);
    var theme = attr(element, 'theme');
    if (theme === 'light' || theme === 'dark' || theme === 'auto') query.push('theme=' + theme);
    var sections = attr(element, 'sections');
    if (sections && SECTIONS.test(sections)) query.push('sections=' + sections);
    var form = attr(element, 'form');
    if (form === 'short' || form === 'full') query.push('form=' + form);
    var summary = attr(element, 'summary');
    if (summary === 'true' || summary === 'false') query.push('summary=' + summary);
    var accent = attr(element, 'accent');
    if (accent && ACCENT.test(accent)) query.push('accent=' + accent.replace('#', '').toLowerCase());
    else if (accent) warn('data-als-accent must be a hex colour such as #0b57a4; ignored');
    var font = attr(element, 'font').toLowerCase().replace(/\\s+/g, '-');
    if (font && FONTS.indexOf(font) >= 0) query.push('font=' + font);
    else if (font) warn('data-als-font must be one of ' + FONTS.join(', ') + '; ignored');
    // A wrong topic still gets its frame: the server answers it with a short message in the reader's language.
    var iframe = document.createElement('iframe');
    iframe.src = origin + '/embed/topics/' + encodeURIComponent(topic.slice(0, 200)) + (query.length ? '?' + query.join('&') : '');
    iframe.title = attr(element, 'title') || 'ALS: ' + topic;
    iframe.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
    iframe.style.cssText = 'display:block;width:100%;min-width:0;height:320px;border:0;overflow:hidden';
    element.setAttribute('data-als-mounted', 'true');
    element.textContent = '';
    element.appendChild(iframe);
    frames.push(iframe);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin) return;
    var data = event.data;
    if (!data || typeof data !== 'object') return;
    var frame = null;
    for (var i = 0; i < frames.length; i++) if (frames[i].contentWindow === event.source) frame = frames[i];
    if (!frame) return;
    if (data.type === '${RESIZE_MESSAGE}' && typeof data.height === 'number' && isFinite(data.height)) {
      frame.style.height = Math.min(Math.max(Math.ceil(data.height), 40), 100000) + 'px';
    } else if (data.type === '${SCROLL_MESSAGE}' && typeof data.top === 'number' && isFinite(data.top)) {
      var reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
      var y = frame.getBoundingClientRect().top + window.pageYOffset + Math.max(0, Math.min(data.top, 100000)) - 12;
      window.scrollTo({ top: Math.max(0, y), behavior: reduce ? 'auto' : 'smooth' });
    }
  });

  function mountAll() {
    var elements = document.querySelectorAll('[data-als-topic]');
    for (var i = 0; i < elements.length; i++) mount(elements[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mountAll);
  else mountAll();
})();
`
