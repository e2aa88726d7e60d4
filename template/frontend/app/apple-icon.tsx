import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ImageResponse } from "next/og";

export const size = { width: 180, height: 180 };
export const contentType = "image/png";

/**
 * The home-screen icon of iOS, drawn from app/icon.svg when the app is
 * built. iOS rounds the corners itself, so the tile's colour fills the
 * square.
 */
export default async function AppleIcon() {
  const svg = await readFile(join(process.cwd(), "app", "icon.svg"));
  const source = `data:image/svg+xml;base64,${svg.toString("base64")}`;
  return new ImageResponse(
    <div
      style={{
        display: "flex",
        width: "100%",
        height: "100%",
        alignItems: "center",
        justifyContent: "center",
        background: "#2451c7",
      }}
    >
      <img src={source} alt="" width={180} height={180} />
    </div>,
    size,
  );
}
