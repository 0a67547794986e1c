// Postwright preview page script.
//
// Runs in an isolated script world (the page's own JavaScript is disabled), so post
// content can neither see nor call it. It patches sections of the page in place,
// keeps the reader's place while doing so, scrolls to a section on request and
// reports the section at the top of the viewport to the application through
// QWebChannel (object "previewBridge").
//
// DOM contract: <div id="post-body"> holds one <section id="{key}" class="post-section">
// per top-level section; references live in <ol id="reference-list">.
(function () {
  'use strict';
  if (window.postwrightPreview) {
    return;
  }

  // No timers here: with the page's JavaScript switched off, timers do not run in this
  // world either. Scroll events come at most once a frame; the application debounces.
  var TOP_LINE_PX = 4;            // a section is "at the top" once its top passes this line
  var template = document.createElement('template');
  var bridge = null;
  var connecting = false;
  var unsent = null;              // a report made before the channel was up
  var reported = null;            // the section the application last heard about (or sent us to)
  var programmatic = false;       // scrolling because the application asked; ends on scrollend
  var jump = null;                // a long smooth scroll's jump, until its glide starts
  var holding = null;             // the section held at the top after the application's scroll

  function postBody() {
    return document.getElementById('post-body');
  }

  function sectionsOf(body) {
    return body.querySelectorAll(':scope > section[id]');
  }

  function scroller() {
    return document.scrollingElement || document.documentElement;
  }

  function scrollInstant(top) {
    window.scrollTo({ top: top, left: window.scrollX, behavior: 'instant' });
  }

  function parseSection(key, html) {
    template.innerHTML = html;
    var element = template.content.firstElementChild;
    if (!element || element.tagName !== 'SECTION' || template.content.childElementCount !== 1) {
      element = document.createElement('section');
      element.className = 'post-section';
      element.innerHTML = html;
    }
    element.id = key;
    template.innerHTML = '';
    return element;
  }

  // Give a shown section the fresh one's attributes and content, keeping the element itself:
  // the browser keeps what it knows about it (its size while off screen, that it is on screen).
  function adopt(element, fresh) {
    Array.prototype.slice.call(element.attributes).forEach(function (attribute) {
      if (!fresh.hasAttribute(attribute.name)) {
        element.removeAttribute(attribute.name);
      }
    });
    Array.prototype.slice.call(fresh.attributes).forEach(function (attribute) {
      if (element.getAttribute(attribute.name) !== attribute.value) {
        element.setAttribute(attribute.name, attribute.value);
      }
    });
    var content = document.createDocumentFragment();
    while (fresh.firstChild) {
      content.appendChild(fresh.firstChild);
    }
    element.replaceChildren(content);
  }

  // A long post's sections are laid out only near the screen (content-visibility: auto, from
  // the shell's CSS). Until a section has been shown, its height is a guess: about 0.032 em per
  // character of text in the site's column (measured on sample posts: 0.028-0.035).
  var EM_PER_CHARACTER = 0.032;
  var nearScreen = null;

  function laysOutNearScreen(section) {  // section: one in the page (a detached one has no style)
    if (nearScreen === null) {
      nearScreen = getComputedStyle(section).contentVisibility === 'auto';
    }
    return nearScreen;
  }

  function estimateHeight(section) {
    if (laysOutNearScreen(section)) {
      var em = Math.max(1, Math.round(section.textContent.length * EM_PER_CHARACTER));
      section.style.setProperty('contain-intrinsic-size', 'auto ' + em + 'em');
      watchHeight(section);
    }
  }

  // A section above the screen takes its real height when it comes near it (or its estimate when
  // it leaves); Chromium's scroll anchoring does not make up for that (the shell turns it off), so
  // this does, before the frame is painted: the text on screen stays where it is.
  var heights = new WeakMap();
  var resizes = null;

  function watchHeight(section) {
    if (resizes === null) {
      resizes = new ResizeObserver(keepTextInPlace);
    }
    resizes.observe(section);
  }

  function keepTextInPlace(entries) {
    var shift = 0;
    entries.forEach(function (entry) {
      var height = entry.borderBoxSize && entry.borderBoxSize.length
        ? entry.borderBoxSize[0].blockSize : entry.contentRect.height;
      var old = heights.get(entry.target);
      heights.set(entry.target, height);
      if (old !== undefined && old !== height && entry.target.getBoundingClientRect().bottom <= 0) {
        shift += height - old;
      }
    });
    if (shift !== 0 && !programmatic && window.scrollY > 0) {
      scrollInstant(window.scrollY + shift);
    }
  }

  // Where the reader is: the first section (and its first child block) still visible at
  // the top of the viewport, with their distances from it.
  function captureAnchor(body) {
    var y = window.scrollY;
    if (y <= 0) {
      return { atTop: true, y: 0 };
    }
    var list = sectionsOf(body);
    for (var i = 0; i < list.length; i++) {
      var rect = list[i].getBoundingClientRect();
      if (rect.bottom <= 0) {
        continue;
      }
      var anchor = { y: y, key: list[i].id, sectionTop: rect.top, index: -1, childTop: 0 };
      var kids = list[i].children;
      for (var j = 0; j < kids.length; j++) {
        var childRect = kids[j].getBoundingClientRect();
        if (childRect.bottom > 0) {
          anchor.index = j;
          anchor.childTop = childRect.top;
          break;
        }
      }
      return anchor;
    }
    return { y: y };
  }

  function restoreAnchor(body, anchor) {
    if (anchor.atTop) {
      if (window.scrollY !== 0) {
        scrollInstant(0);
      }
      return;
    }
    var section = anchor.key ? document.getElementById(anchor.key) : null;
    if (!section || section.parentElement !== body) {
      scrollInstant(anchor.y);
      return;
    }
    var child = anchor.index >= 0 ? section.children[anchor.index] : null;
    var delta = child
      ? child.getBoundingClientRect().top - anchor.childTop
      : section.getBoundingClientRect().top - anchor.sectionTop;
    if (Math.abs(delta) >= 0.5) {
      scrollInstant(window.scrollY + delta);
    }
  }

  function reorder(body, order, present) {
    var previous = null;
    for (var i = 0; i < order.length; i++) {
      var element = present.get(order[i]);
      if (!element) {
        continue;
      }
      if (previous === null) {
        var first = body.querySelector(':scope > section[id]');
        if (first !== element) {
          if (first) {
            first.before(element);
          } else {
            body.appendChild(element);
          }
        }
      } else if (previous.nextElementSibling !== element) {
        previous.after(element);
      }
      previous = element;
    }
  }

  // order: every top-level key in document order; changed: key -> outer HTML of its
  // <section>; references: inner HTML of the reference list, or null when unchanged.
  function applyPatch(order, changed, references) {
    var body = postBody();
    if (!body) {
      return { ok: false, missing: order, references: references === null };
    }
    var anchor = programmatic ? null : captureAnchor(body);
    var present = new Map();
    sectionsOf(body).forEach(function (element) { present.set(element.id, element); });

    Object.keys(changed).forEach(function (key) {
      var fresh = parseSection(key, changed[key]);
      var old = present.get(key);
      if (old) {
        adopt(old, fresh);
        estimateHeight(old);
      } else {
        body.appendChild(fresh);
        present.set(key, fresh);
        estimateHeight(fresh);
      }
    });

    var wanted = new Set(order);
    present.forEach(function (element, key) {
      if (!wanted.has(key)) {
        element.remove();
        present.delete(key);
      }
    });
    reorder(body, order, present);

    var referencesDone = true;
    if (references !== null) {
      var list = document.getElementById('reference-list');
      if (list) {
        list.innerHTML = references;
        // The heading shows only when there are references (the section stays for patching).
        var section = list.closest('.references-section');
        if (section) {
          section.hidden = references.trim() === '';
        }
      } else {
        referencesDone = false;
      }
    }
    if (anchor) {
      restoreAnchor(body, anchor);
    }
    if (resizes !== null) {  // the reader's place is restored: these heights are not to be made up for
      Object.keys(changed).forEach(function (key) {
        var section = present.get(key);
        if (section) {
          heights.set(section, section.getBoundingClientRect().height);
        }
      });
    }
    var missing = order.filter(function (key) { return !present.has(key); });
    return { ok: missing.length === 0 && referencesDone, missing: missing,
             references: referencesDone, scrollY: window.scrollY };
  }

  // The post's metadata changed: swap everything in the article around #post-body and the
  // references section (header, byline, banner, author box, related posts) for the children
  // of the fresh <article> in html, which has an empty #post-body. Sections stay as they are.
  function applyChrome(html, title) {
    var body = postBody();
    var article = body ? body.parentElement : null;
    if (!article) {
      return { ok: false };
    }
    var references = article.querySelector(':scope > .references-section');
    template.innerHTML = html;
    var fresh = template.content.querySelector('article') || template.content;
    Array.prototype.slice.call(article.children).forEach(function (child) {
      if (child !== body && child !== references) {
        child.remove();
      }
    });
    var zone = 'before';
    Array.prototype.slice.call(fresh.children).forEach(function (child) {
      if (child.id === 'post-body') {
        zone = 'between';
      } else if (child.classList.contains('references-section')) {
        zone = 'after';
      } else if (zone === 'before') {
        body.before(child);
      } else if (zone === 'between' && references) {
        references.before(child);
      } else {
        article.appendChild(child);
      }
    });
    template.innerHTML = '';
    document.title = title;
    return { ok: true };
  }

  function sectionAtTop() {
    var body = postBody();
    if (!body) {
      return null;
    }
    var list = sectionsOf(body);
    if (list.length === 0) {
      return null;
    }
    var doc = scroller();
    var atBottom = window.scrollY > 0 && window.scrollY + window.innerHeight >= doc.scrollHeight - 2;
    var line = atBottom ? window.innerHeight / 2 : TOP_LINE_PX;
    // Sections are in document order: find the last one whose top has passed the line.
    var low = 0;
    var high = list.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (list[middle].getBoundingClientRect().top <= line) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return list[low].id;
  }

  function onScroll() {
    if (programmatic || holding !== null) {
      return;  // the application's scroll, or its section being put back at the top
    }
    var key = sectionAtTop();
    if (key === null || key === reported) {
      return;
    }
    reported = key;
    if (bridge) {
      bridge.sectionAtTop(key);
    } else {
      unsent = key;
      connectBridge();
    }
  }

  // A long post's sections near the screen take their real heights over the next frames, which can
  // move a section the application just scrolled to: put it back at the top until it stays there
  // for two frames (at most HOLD_FRAMES), or the reader scrolls. Returns whether it holds.
  var HOLD_FRAMES = 30;

  function holdAtTop(key, frames, still) {
    var target = document.getElementById(key);
    if (!target || !laysOutNearScreen(target)) {
      holding = null;
      return false;  // a page laid out whole: sections keep their heights
    }
    holding = key;
    requestAnimationFrame(function () {
      var element = document.getElementById(key);
      if (!element || holding !== key) {
        return;
      }
      var target = topOf(element);
      var moved = Math.abs(target - window.scrollY) >= 1;
      if (moved) {
        scrollInstant(target);
      }
      var steady = moved ? 0 : (still || 0) + 1;
      if (steady < 2 && frames > 1) {
        holdAtTop(key, frames - 1, steady);
      } else {
        holding = null;
      }
    });
    return true;
  }

  function letGo() {  // the reader's own wheel, key, click or touch ends a hold
    holding = null;
  }

  // A long smooth scroll jumps first: that jump's scrollend (before the glide has begun) is not its end.
  function onScrollEnd() {
    if (jump === null) {
      endProgrammatic();
    }
  }

  function endProgrammatic() {
    jump = null;
    if (!programmatic) {
      return false;
    }
    programmatic = false;
    if (reported === null || !holdAtTop(reported, HOLD_FRAMES, 0)) {
      // Adopt where the scroll ended silently: reporting it would bounce the editor.
      reported = sectionAtTop();
    }
    return true;
  }

  function scrollToSection(key, smooth) {
    var body = postBody();
    var element = document.getElementById(key);
    if (!body || !element || element.parentElement !== body) {
      return false;
    }
    var target = topOf(element);
    var distance = target - window.scrollY;
    reported = key;
    jump = null;
    if (Math.abs(distance) < 1) {
      return true;
    }
    programmatic = true;
    if (!smooth) {
      holdAtTop(key, HOLD_FRAMES, 0);
    } else if (Math.abs(distance) > 2 * window.innerHeight) {
      // A long smooth scroll is slow and sweeps past everything: jump near, then glide the rest
      // from the next frame, to where the section is once the page near it has been laid out.
      var mine = { key: key };
      jump = mine;
      scrollInstant(target - Math.sign(distance) * window.innerHeight);
      requestAnimationFrame(function () { glide(mine); });
      return true;
    }
    window.scrollTo({ top: target, left: window.scrollX, behavior: smooth ? 'smooth' : 'instant' });
    return true;
  }

  function glide(mine) {
    if (jump !== mine) {
      return;  // ended, or another scroll asked for since
    }
    jump = null;
    var element = document.getElementById(mine.key);
    var target = element ? topOf(element) : window.scrollY;
    if (Math.abs(target - window.scrollY) < 1) {
      endProgrammatic();  // gone, or already there: no glide, so no scrollend to end it
      return;
    }
    window.scrollTo({ top: target, left: window.scrollX, behavior: 'smooth' });
  }

  // The scroll position that puts ``element`` at the top (as near as the page's end allows).
  function topOf(element) {
    var maxTop = Math.max(0, scroller().scrollHeight - window.innerHeight);
    return Math.min(maxTop, Math.max(0, element.getBoundingClientRect().top + window.scrollY));
  }

  // Keep a section in view while its text is typed: scroll only if none of it is visible.
  function revealSection(key) {
    var element = document.getElementById(key);
    if (!element) {
      return false;
    }
    var rect = element.getBoundingClientRect();
    if (rect.bottom > TOP_LINE_PX && rect.top < window.innerHeight - TOP_LINE_PX) {
      return false;
    }
    return scrollToSection(key, true);
  }

  window.addEventListener('scroll', onScroll, { passive: true });
  window.addEventListener('scrollend', onScrollEnd, { passive: true });
  ['wheel', 'keydown', 'mousedown', 'touchstart'].forEach(function (type) {
    window.addEventListener(type, letGo, { passive: true, capture: true });
  });

  // The channel transport may appear only after this script has run: connect lazily.
  function connectBridge() {
    if (connecting || typeof QWebChannel === 'undefined' || !window.qt || !window.qt.webChannelTransport) {
      return;
    }
    connecting = true;
    new QWebChannel(window.qt.webChannelTransport, function (channel) {
      bridge = channel.objects.previewBridge || null;
      if (bridge && unsent !== null) {
        bridge.sectionAtTop(unsent);
      }
      unsent = null;
    });
  }
  var body = postBody();
  if (body) {
    sectionsOf(body).forEach(estimateHeight);
  }
  reported = sectionAtTop();
  connectBridge();

  window.postwrightPreview = Object.freeze({
    applyPatch: applyPatch,
    applyChrome: applyChrome,
    scrollToSection: scrollToSection,
    revealSection: revealSection,
    endProgrammaticScroll: endProgrammatic,
    sectionAtTop: sectionAtTop
  });
})();
