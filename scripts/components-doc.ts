import { ComponentName, DOCUMENTED_DEFAULTS, DocumentedDefault } from "../components/defaults";

const SHORT_NAMES: Record<ComponentName, string> = { SecureRestApi: "REST", SecureHttpApi: "HTTP", SecureWebSocketApi: "WebSocket" };

export const TABLE_START = "<!-- generated: component defaults (npm run docs) -->";
export const TABLE_END = "<!-- end of generated component defaults -->";

/** The README's table of component defaults and the rules they satisfy, from `DOCUMENTED_DEFAULTS`. */
export function renderDefaultsTable(defaults: readonly DocumentedDefault[] = DOCUMENTED_DEFAULTS): string {
    const rows = defaults.map((entry) => {
        const components = entry.components.length === 3 ? "all" : entry.components.map((component) => SHORT_NAMES[component]).join(", ");
        const rules = entry.rules.map((rule) => `[${rule}](docs/rules.md#${rule})`).join(", ");
        return `| \`${entry.argument}\` | ${components} | ${entry.value} | ${rules} |`;
    });
    return [TABLE_START, "| argument | component | default | rule it satisfies |", "| --- | --- | --- | --- |", ...rows, TABLE_END].join("\n");
}

/** `readme` with its generated section replaced; throws when the markers are missing. */
export function withDefaultsTable(readme: string): string {
    const start = readme.indexOf(TABLE_START);
    const end = readme.indexOf(TABLE_END);
    if (start < 0 || end < start) {
        throw new Error(`README.md lacks the markers ${TABLE_START} … ${TABLE_END}`);
    }
    return readme.slice(0, start) + renderDefaultsTable() + readme.slice(end + TABLE_END.length);
}
