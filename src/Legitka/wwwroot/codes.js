// Follows a running code batch and reloads the page when it is done, so the slips appear without a click.
(function () {
    const box = document.getElementById('batch');
    if (!box || box.dataset.running !== 'true') {
        return;
    }
    const bar = document.getElementById('batch-progress');
    const count = document.getElementById('batch-count');
    async function poll() {
        try {
            const response = await fetch(box.dataset.progressUrl, { headers: { Accept: 'application/json' } });
            if (response.redirected || [401, 403, 404].includes(response.status)) {
                // Signed out meanwhile (or no longer allowed): the page itself leads to the sign-in.
                window.location.reload();
                return;
            }
            if (response.ok) {
                const p = await response.json();
                bar.max = Math.max(1, p.total);
                bar.value = p.done;
                // Until a class batch ends, its total is what the homeroom teachers reported ready: an estimate.
                count.textContent = p.done + ' / ' + (box.dataset.estimate === 'true' ? '~' : '') + p.total;
                if (p.state === 'Done' || p.state === 'Failed') {
                    window.location.reload();
                    return;
                }
            }
        } catch (e) {
            // The server may be restarting; keep asking.
        }
        setTimeout(poll, 400);
    }
    setTimeout(poll, 200);
})();
