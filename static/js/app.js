// Parallax: small progressive enhancements. Every page works without this file.

// Controls only a page without scripts needs (a filter form's "Apply") hide: `.js .no-js-only`.
document.documentElement.classList.add("js");

// A <select data-autosubmit> sends its form when changed (the form keeps a button without JS).
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLSelectElement && field.dataset.autosubmit !== undefined && field.form) {
    field.form.requestSubmit();
  }
});
