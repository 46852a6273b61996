/** Tests run from TypeScript sources; DOM tests opt in with a `@jest-environment jsdom` docblock. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", isolatedModules: true }] },
  moduleNameMapper: { "\\.(css|png|svg)$": "<rootDir>/test/support/asset-stub.js" },
  testTimeout: 30000,
};
