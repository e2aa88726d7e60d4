/**
 * A readable name for the browser and system of a User-Agent header, e.g.
 * "Firefox on Windows", for the list of signed-in devices. Good enough to
 * recognise one's own devices; not a means to tell clients apart reliably.
 */

// Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari".
const BROWSERS: readonly [RegExp, string][] = [
  [/\bEdg(e|A|iOS)?\//, "Edge"],
  [/\b(OPR|Opera)\//, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\b(Firefox|FxiOS)\//, "Firefox"],
  [/\b(Chrome|Chromium|CriOS)\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/\b(iPhone|iPad|iPod)\b/, "iOS"],
  [/\bAndroid\b/, "Android"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b/, "Linux"],
];

function firstMatch(
  userAgent: string,
  names: readonly [RegExp, string][],
): string | null {
  return names.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
}

export function describeUserAgent(userAgent: string | null): string {
  const text = userAgent?.trim() ?? "";
  if (text === "") {
    return "Unknown device";
  }
  const browser = firstMatch(text, BROWSERS);
  const system = firstMatch(text, SYSTEMS);
  if (browser && system) {
    return `${browser} on ${system}`;
  }
  if (browser || system) {
    return (browser ?? system) as string;
  }
  // Scripts and apps, e.g. "python-httpx/0.28.1" or "curl/8.5.0".
  return text.split(/[\s/]/)[0];
}
