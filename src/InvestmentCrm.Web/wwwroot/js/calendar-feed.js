// The calendar feed page (Features/Calendar/Feed.cshtml): the new URL is selected whole when focused, and copied by
// its button. Without script the field is still there to select and copy by hand.
(() => {
    for (const field of document.querySelectorAll('[data-select-on-focus]')) {
        field.addEventListener('focus', () => field.select());
    }

    for (const button of document.querySelectorAll('[data-copy-from]')) {
        button.addEventListener('click', async () => {
            const field = document.querySelector(button.dataset.copyFrom);
            if (!field) return;
            field.select();
            try {
                await navigator.clipboard.writeText(field.value);
            } catch {
                // No clipboard access (plain http, an old browser): the text stays selected for Ctrl+C.
                return;
            }
            button.textContent = button.dataset.copiedText;
        });
    }
})();
