import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The architecture's arrows (docs: README "Layout"): faces -> core only; never core -> face, face -> face,
// or anything of the provider -> the emulator; the emulator imports nothing of the provider.
const FACES = ["dynamic", "native", "terraform"];
const restrict = (message, ...names) => ({
  "no-restricted-imports": [
    "error",
    { patterns: [{ regex: `^(\\.\\./)+(${names.join("|")})(/|$)`, message }] },
  ],
});
const arrows = [
  {
    files: ["provider/core/**/*.ts"],
    rules: restrict("the core imports no face, no emulator and not the package entry", ...FACES, "emulator", "index"),
  },
  ...FACES.map((face) => ({
    files: [`provider/${face}/**/*.ts`],
    rules: restrict(
      `the ${face} face imports the core only, never another face or the emulator`,
      ...FACES.filter((other) => other !== face),
      "emulator",
      "index",
    ),
  })),
  {
    files: ["provider/emulator/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^\\.\\./", message: "the emulator imports nothing of the provider" }] },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "**/node_modules/**", ".pulumi-state/**", "bench/out/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { __dirname: "readonly", require: "readonly", module: "readonly", process: "readonly", console: "readonly" } },
    rules: {
      "@typescript-eslint/no-require-imports": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...arrows,
);
