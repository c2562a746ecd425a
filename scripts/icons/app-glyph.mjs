// SVG source of the application icon: a bolted porthole whose glass shows a network port.

/**
 * The app icon, drawn on a 1024 grid and rendered at any size. A rounded-square plate with a
 * margin (macOS draws no plate of its own), a steel rim with eight bolts, sea-blue glass with a
 * highlight, and an RJ45-style jack in the glass: "a window onto your ports".
 * @param {number} size output edge in pixels
 */
export function appIconSvg(size) {
  const bolts = Array.from({ length: 8 }, (_, i) => {
    const angle = (Math.PI / 4) * i + Math.PI / 8;
    const x = 512 + Math.cos(angle) * 300;
    const y = 512 + Math.sin(angle) * 300;
    return (
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="24" fill="url(#bolt)"/>` +
      `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="24" fill="none" stroke="#3b4654" stroke-width="4"/>`
    );
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 1024 1024">
  <defs>
    <linearGradient id="plate" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#1d3a5a"/>
      <stop offset="1" stop-color="#0c1c2e"/>
    </linearGradient>
    <linearGradient id="rim" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#e8edf2"/>
      <stop offset="0.5" stop-color="#a3afbd"/>
      <stop offset="1" stop-color="#5d6b7b"/>
    </linearGradient>
    <radialGradient id="bolt" cx="0.35" cy="0.35" r="0.7">
      <stop offset="0" stop-color="#f4f6f8"/>
      <stop offset="1" stop-color="#7b8794"/>
    </radialGradient>
    <radialGradient id="glass" cx="0.5" cy="0.42" r="0.62">
      <stop offset="0" stop-color="#6fd3f7"/>
      <stop offset="0.6" stop-color="#2b8fc6"/>
      <stop offset="1" stop-color="#135a8a"/>
    </radialGradient>
  </defs>
  <rect x="64" y="64" width="896" height="896" rx="200" fill="url(#plate)"/>
  <circle cx="512" cy="512" r="300" fill="none" stroke="#07111c" stroke-opacity="0.45" stroke-width="118" transform="translate(0 14)"/>
  <circle cx="512" cy="512" r="300" fill="none" stroke="url(#rim)" stroke-width="110"/>
  ${bolts}
  <circle cx="512" cy="512" r="245" fill="url(#glass)"/>
  <circle cx="512" cy="512" r="245" fill="none" stroke="#0b2a42" stroke-width="10"/>
  <path d="M352 402 A190 190 0 0 1 512 322" fill="none" stroke="#ffffff" stroke-opacity="0.55" stroke-width="26" stroke-linecap="round"/>
  <g transform="translate(0 -40)">
  <path d="M412 432h200v60h44v150h-88v44h-112v-44h-88v-150h44z" fill="#0b2236" stroke="#e8f6fd" stroke-width="14" stroke-linejoin="round"/>
  <g fill="#f2c94c">
    <rect x="436" y="454" width="18" height="44" rx="4"/>
    <rect x="470" y="454" width="18" height="44" rx="4"/>
    <rect x="504" y="454" width="18" height="44" rx="4"/>
    <rect x="538" y="454" width="18" height="44" rx="4"/>
    <rect x="572" y="454" width="18" height="44" rx="4"/>
  </g>
  </g>
</svg>`;
}
