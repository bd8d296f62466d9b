import { launch, openPage } from "./browser.mjs";
const b = await launch();
const { page } = await openPage(b.context);
await page.fill("#yaml", "region: 湖北省\nterm: {start: 2023-01-01, end: 2022-01-01}\nclauses:\n  - id: 第一条\n    terms: {产假: 一百天, 未知条目: 3天}\n");
await page.waitForSelector("#errors:not([hidden]) .error");
await page.screenshot({ path: "/tmp/shot3.png" });
await b.close();
