// Lint: typescript-eslint's recommended type-aware rules, React hooks, and prettier for layout.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import prettier from "eslint-config-prettier";
import globals from "globals";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "lib/", "coverage/", "test/.tmp/", "bench/.tmp/", "test/fixtures/", "**/*.py"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-empty": ["error", { allowEmptyCatch: false }],
    },
  },
  {
    // WPS's ET object model (window.Application, alias wps) is reached only by the WPS adapter
    // (src/wps) and its fake (test/wps): et-jsapi-declare declares them as globals everywhere.
    files: ["**/*.{ts,tsx}"],
    ignores: ["src/wps/**", "test/wps/**"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "Application", message: "Only src/wps touches WPS's Application." },
        { name: "wps", message: "Only src/wps touches WPS's Application." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "window", property: "Application", message: "Only src/wps touches WPS's Application." },
        { object: "globalThis", property: "Application", message: "Only src/wps touches WPS's Application." },
        { object: "window", property: "wps", message: "Only src/wps touches WPS's Application." },
      ],
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser }, sourceType: "commonjs" },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      // ES5 scripts (src/*/static, src/wps/addin) cannot omit the catch binding.
      "@typescript-eslint/no-unused-vars": ["error", { caughtErrors: "none" }],
    },
  },
  { files: ["**/*.mjs"], languageOptions: { sourceType: "module" } },
  prettier,
);
