/** One group of bars: a service with what the Comune committed and what it has spent. */
export interface SpendingBar {
  readonly label: string;
  readonly committedCents: number;
  readonly spentCents: number;
}

const width = 900;
const height = 420;
const margin = { top: 60, right: 30, bottom: 70, left: 110 };
const colours = { committed: '#9db4d3', spent: '#1f4e8c', axis: '#444444', grid: '#dddddd' };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const euros = (cents: number) =>
  new Intl.NumberFormat('it-IT', {
    maximumFractionDigits: 0,
    useGrouping: 'always',
  } as Intl.NumberFormatOptions).format(Math.round(cents / 100));

/** The chart as SVG: committed vs spent per service, with a legend and euro axis. */
export function spendingChartSvg(title: string, bars: readonly SpendingBar[]): string {
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const maximum = Math.max(1, ...bars.flatMap((bar) => [bar.committedCents, bar.spentCents]));
  const step = niceStep(maximum / 5);
  const top = Math.ceil(maximum / step) * step;
  const y = (cents: number) => margin.top + plotHeight - (cents / top) * plotHeight;
  const groupWidth = plotWidth / Math.max(1, bars.length);
  const barWidth = Math.min(60, (groupWidth * 0.7) / 2);
  const parts: string[] = [
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${width / 2}" y="30" font-size="20" font-weight="bold" text-anchor="middle" fill="${colours.axis}">${escape(title)}</text>`,
  ];
  for (let value = 0; value <= top; value += step) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(value)}" y2="${y(value)}" stroke="${colours.grid}"/>`,
      `<text x="${margin.left - 10}" y="${y(value) + 5}" font-size="13" text-anchor="end" fill="${colours.axis}">${euros(value)} €</text>`,
    );
  }
  bars.forEach((bar, index) => {
    const centre = margin.left + groupWidth * (index + 0.5);
    for (const [offset, cents, colour] of [
      [-barWidth, bar.committedCents, colours.committed],
      [0, bar.spentCents, colours.spent],
    ] as const) {
      parts.push(
        `<rect x="${centre + offset}" y="${y(cents)}" width="${barWidth}" height="${margin.top + plotHeight - y(cents)}" fill="${colour}"/>`,
      );
    }
    parts.push(
      `<text x="${centre}" y="${height - margin.bottom + 22}" font-size="14" text-anchor="middle" fill="${colours.axis}">${escape(bar.label)}</text>`,
    );
  });
  const legendY = height - 22;
  parts.push(
    `<rect x="${margin.left}" y="${legendY - 12}" width="16" height="16" fill="${colours.committed}"/>`,
    `<text x="${margin.left + 22}" y="${legendY + 1}" font-size="14" fill="${colours.axis}">Budget impegnato</text>`,
    `<rect x="${margin.left + 200}" y="${legendY - 12}" width="16" height="16" fill="${colours.spent}"/>`,
    `<text x="${margin.left + 222}" y="${legendY + 1}" font-size="14" fill="${colours.axis}">Speso (ore e presenze validate)</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, Liberation Sans, sans-serif">${parts.join('')}</svg>`;
}

/** The chart as a PNG image, for the workbook, the e-mail and Teams. */
export async function spendingChartPng(title: string, bars: readonly SpendingBar[]): Promise<Uint8Array> {
  // Loaded on first use: a native addon, for a quarterly job, need not load at every start.
  const { Resvg } = await import('@resvg/resvg-js');
  const rendered = new Resvg(spendingChartSvg(title, bars), {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
  }).render();
  return new Uint8Array(rendered.asPng());
}

function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}
