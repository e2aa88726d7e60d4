import type { MetadataRoute } from "next";
import { appName } from "@/lib/config";

/** What a browser needs to install the app on a home screen or desktop. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: appName,
    short_name: appName,
    start_url: "/",
    display: "standalone",
    // The light theme's canvas and primary colours (app/globals.css).
    background_color: "#f6f7f9",
    theme_color: "#2451c7",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/apple-icon", sizes: "180x180", type: "image/png" },
    ],
  };
}
