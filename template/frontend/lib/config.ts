/**
 * Settings chosen when the project was generated (see .copier-answers.yml),
 * kept as data in project.json.
 */
import project from "./project.json";

export interface NavLink {
  href: string;
  label: string;
}

export const appName: string = project.appName;

/** Pages only signed-in users may see; the first is where users land after login. */
export const protectedPages: readonly NavLink[] = project.protectedPages;

export const homePath: string = protectedPages[0].href;

/** The page that shows the user's data (GET /api/dashboard). */
export const dashboardPath: string = project.dashboardPath;
