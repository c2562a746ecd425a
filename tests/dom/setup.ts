// Component-test setup: jest-dom matchers for Vitest.
import '@testing-library/jest-dom/vitest';
