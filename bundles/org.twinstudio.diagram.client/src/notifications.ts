/**
 * What the page tells the user outside the diagram: a full panel when there is no diagram to show (server not
 * reachable, model not loadable), a banner while the connection is being re-established, and short notices for
 * server messages once the diagram is up. Plain DOM so it works even when the diagram container failed.
 */

export function showFatal(title: string, detail: string, technical?: string): void {
    hideBanner();
    let panel = document.getElementById('twin-error');
    if (!panel) {
        panel = document.createElement('div');
        panel.id = 'twin-error';
        panel.setAttribute('role', 'alert');
        document.body.appendChild(panel);
    }
    panel.replaceChildren();
    const box = element('div', 'twin-error-box');
    box.append(element('h1', 'twin-error-title', title), element('p', 'twin-error-detail', detail));
    if (technical) {
        const more = element('details', 'twin-error-technical');
        more.append(element('summary', undefined, 'Technical details'), element('pre', undefined, technical));
        box.append(more);
    }
    const retry = element('button', 'twin-error-retry', 'Reload') as HTMLButtonElement;
    retry.type = 'button';
    retry.addEventListener('click', () => window.location.reload());
    box.append(retry);
    panel.append(box);
}

export function hideFatal(): void {
    document.getElementById('twin-error')?.remove();
}

export function showBanner(text: string): void {
    let banner = document.getElementById('twin-banner');
    if (!banner) {
        banner = element('div', 'twin-banner');
        banner.id = 'twin-banner';
        banner.setAttribute('role', 'status');
        document.body.appendChild(banner);
    }
    banner.textContent = text;
}

export function hideBanner(): void {
    document.getElementById('twin-banner')?.remove();
}

export type NoticeSeverity = 'error' | 'warning' | 'info';

/** A notice in the bottom right corner; errors stay until closed, others fade after a few seconds. */
export function notify(severity: NoticeSeverity, message: string, details?: string): void {
    let area = document.getElementById('twin-notices');
    if (!area) {
        area = element('div', 'twin-notices');
        area.id = 'twin-notices';
        area.setAttribute('aria-live', 'polite');
        document.body.appendChild(area);
    }
    const notice = element('div', `twin-notice twin-notice-${severity}`);
    notice.append(element('span', 'twin-notice-text', message));
    if (details) {
        notice.title = details;
    }
    const close = element('button', 'twin-notice-close', '\u00d7') as HTMLButtonElement;
    close.type = 'button';
    close.setAttribute('aria-label', 'Close');
    close.addEventListener('click', () => notice.remove());
    notice.append(close);
    area.append(notice);
    if (severity !== 'error') {
        setTimeout(() => notice.remove(), 6000);
    }
}

function element(tag: string, className?: string, text?: string): HTMLElement {
    const node = document.createElement(tag);
    if (className) {
        node.className = className;
    }
    if (text !== undefined) {
        node.textContent = text;
    }
    return node;
}
