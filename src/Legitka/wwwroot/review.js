// Keyboard review: A accepts, R moves to the rejection reason. Ignored while typing in a field.
document.addEventListener('keydown', (event) => {
    const typing = ['INPUT', 'SELECT', 'TEXTAREA'].includes(document.activeElement?.tagName);
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'a' || event.key === 'A') {
        event.preventDefault();
        document.getElementById('accept-form')?.requestSubmit();
    } else if (event.key === 'r' || event.key === 'R') {
        event.preventDefault();
        document.getElementById('reason')?.focus();
    }
});
