export { createFakeCIFramework, installFakeCIFramework } from './fake-framework.js';
export type { FakeCIFramework, FakeCIFrameworkOptions, FakeCall } from './fake-framework.js';
