// Lint: typescript-eslint (type-aware) + Nx module boundaries that really forbid service → service imports.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import js from '@eslint/js';

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', '**/.nx/**', 'libs/contracts/src/generated/**', '**/*.js', '**/*.mjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // A service uses libs only — never another service.
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'] },
            // The composition root (standalone) and tools may assemble services.
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:service', 'type:lib'] },
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // Pure layers import nothing of ours.
            { sourceTag: 'scope:domain', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/*.integration-spec.ts', 'libs/testing/**/*.ts', 'tools/**/*.ts'],
    // Handlers in tests return promises to satisfy the real signatures; response bodies are untyped JSON.
    rules: { '@typescript-eslint/require-await': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
