/**
 * The two scripts of embedding, served as static files (no inline script, so the embed pages' CSP stays strict).
 *
 * - RESIZE_SCRIPT runs inside the embed page (iframe): it tells the parent page its content height, whenever it
 *   changes, with a message `{ type: 'als-embed:resize', height }`. The height is not secret, so any parent may read it.
 * - EMBED_SCRIPT runs on the host page: each `<div data-als-topic="symptoms" data-lang="tr">` becomes an iframe of
 *   the embed page, sized by the resize messages of that very iframe (checked by origin and by source window). It
 *   leaks no globals (one IIFE, strict mode) and sets no cookies.
 */

export const RESIZE_MESSAGE = 'als-embed:resize'

export const RESIZE_SCRIPT = `(function () {
  'use strict';
  if (window.parent === window) return;
  var last = -1;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: '${RESIZE_MESSAGE}', height: height }, '*');
  }
  if (typeof ResizeObserver === 'function') new ResizeObserver(send).observe(document.documentElement);
  window.addEventListener('load', send);
  send();
})();
`

export const EMBED_SCRIPT = `(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var SECTIONS = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:,[a-z0-9]+(?:-[a-z0-9]+)*)*$/;
  var frames = [];

  function mount(element) {
    if (element.getAttribute('data-als-mounted') === 'true') return;
    var topic = element.getAttribute('data-als-topic') || '';
    if (!SLUG.test(topic)) return;
    var query = [];
    var lang = element.getAttribute('data-lang');
    if (lang === 'en' || lang === 'tr') query.push('lang=' + lang);
    var theme = element.getAttribute('data-theme');
    if (theme === 'light' || theme === 'dark') query.push('theme=' + theme);
    var sections = element.getAttribute('data-sections');
    if (sections && SECTIONS.test(sections)) query.push('sections=' + sections);
    var iframe = document.createElement('iframe');
    iframe.src = origin + '/embed/topics/' + topic + (query.length ? '?' + query.join('&') : '');
    iframe.title = element.getAttribute('data-title') || 'ALS: ' + topic;
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
    if (!data || data.type !== '${RESIZE_MESSAGE}' || typeof data.height !== 'number' || !isFinite(data.height)) return;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.min(Math.max(Math.ceil(data.height), 40), 100000) + 'px';
      }
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
