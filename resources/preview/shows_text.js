// Has the page shown a text yet? One expression, run again and again by whoever waits
// (the app's POSTWRIGHT_EXIT_WHEN_PREVIEW_SHOWS probe, the benchmarks) with the text, as JSON,
// in place of the argument of the last line; it only reads the page.
//
// The first run in a document looks for the text once and, if it is not there yet, watches
// the document's changes for it (a MutationObserver: only added or changed nodes are read,
// so waiting costs the page almost nothing even with a 200,000-word post, where reading the
// whole text took 8 ms a time). Once it is there: the time (dom), a forced layout (layout),
// and the next animation frame (frame), on the clock of performance.timeOrigin +
// performance.now(), the same wall clock as Python's time.time(). Later runs return that
// state as JSON, or null while the text has not appeared. A new document (a reload)
// starts over.
(function (marker) {
  var state = window.__showsText;
  if (!state || state.marker !== marker) {
    if (!document.documentElement) { return null; }  // a blank page before the first load: ask again
    state = { marker: marker, seen: null };
    window.__showsText = state;
    var clock = function () { return performance.timeOrigin + performance.now(); };
    var holds = function (node) {
      return !!node && typeof node.textContent === 'string' && node.textContent.indexOf(marker) >= 0;
    };
    var observer = null;
    var seen = function () {
      if (state.seen) { return; }
      var found = { marker: marker, dom: clock(), layout: null, frame: null };
      state.seen = found;
      if (observer) { observer.disconnect(); }
      var root = document.body || document.documentElement;
      void root.getBoundingClientRect().height;
      void root.offsetHeight;
      found.layout = clock();
      requestAnimationFrame(function () { found.frame = clock(); });
    };
    observer = new MutationObserver(function (records) {
      for (var i = 0; i < records.length && !state.seen; i++) {
        var record = records[i];
        if (record.type === 'characterData' ? holds(record.target)
            : Array.prototype.some.call(record.addedNodes, holds)) {
          seen();
        }
      }
    });
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    if (holds(document.body)) { seen(); }
  }
  return state.seen ? JSON.stringify(state.seen) : null;
})(MARKER)
