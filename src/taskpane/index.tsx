/**
 * PLACEHOLDER written by the build helper so webpack has an entry; the lead replaces it with
 * the real pane (components in ./components, actions for Excel or files). It loads the parser
 * the way the real pane must: only through import(), so it lands in the lazy "xlsx" chunk.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, Text, webLightTheme } from "@fluentui/react-components";
import { detectHost } from "./boot";

export const loadParser = () => import(/* webpackChunkName: "xlsx" */ "../files");

void detectHost().then((host) => {
  const root = document.getElementById("root");
  if (!root) return;
  createRoot(root).render(
    <FluentProvider theme={webLightTheme}>
      <Text>{host.mode === "excel" ? "执法月报助手（Excel）" : "执法月报助手（文件模式）"}</Text>
    </FluentProvider>,
  );
});
