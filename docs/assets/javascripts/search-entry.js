// Start page search entry (overrides/start.html): open Material's search in place, focused.
document.addEventListener("click", function (event) {
  var entry = event.target instanceof Element && event.target.closest("a.sp-search-entry__link");
  var field = document.querySelector("input.md-search__input");
  var toggle = document.getElementById("__search");
  if (!entry || !field || !toggle || event.button !== 0 ||
      event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
    return;
  }
  event.preventDefault();
  field.focus(); // inside the click, so a phone shows its keyboard
  if (!toggle.checked) {
    toggle.click(); // Material opens the search on the field's focus a moment later; now at once
  }
});
