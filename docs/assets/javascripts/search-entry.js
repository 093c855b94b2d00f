// Start page (overrides/start.html): the search entry opens Material's search in place, with the
// focus in its field. Focusing the field inside the click (Enter on the link is a click too) lets
// a phone show its keyboard; Material opens the search on that focus, a moment later, and the
// toggle is checked here too so the search is open at once. Without this file the link to "?q="
// still opens the search, after loading the page again (Material reads the q parameter).
document.addEventListener("click", function (event) {
  var entry = event.target instanceof Element && event.target.closest("a.sp-search-entry__link");
  var field = document.querySelector("input.md-search__input");
  var toggle = document.getElementById("__search");
  if (!entry || !field || !toggle || event.button !== 0 ||
      event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  field.focus();
  if (!toggle.checked) {
    toggle.click(); // as Material does: its change listeners open the search
  }
});
