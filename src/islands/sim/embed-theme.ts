// /embed/ pages: `?theme=dark` or `?theme=light` picks the colours (default: the reader's system setting).
const theme = new URLSearchParams(location.search).get('theme');
if (theme === 'dark' || theme === 'light') document.documentElement.dataset.theme = theme;
