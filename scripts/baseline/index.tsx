/**
 * The bare Fluent UI v9 + React app that scripts/bundle-size.js builds with our webpack
 * settings, as the yardstick for the pane's initial JavaScript: the few controls every panel
 * of ours also needs, and nothing else.
 */
import * as React from "react";
import { createRoot } from "react-dom/client";
import { Button, Field, FluentProvider, Input, Tab, TabList, webLightTheme } from "@fluentui/react-components";

function App(): React.JSX.Element {
  const [tab, setTab] = React.useState<string>("a");
  return (
    <FluentProvider theme={webLightTheme}>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(String(d.value))}>
        <Tab value="a">模板</Tab>
        <Tab value="b">校验</Tab>
      </TabList>
      <Field label="填报单位">
        <Input />
      </Field>
      <Button appearance="primary">确定</Button>
    </FluentProvider>
  );
}

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
