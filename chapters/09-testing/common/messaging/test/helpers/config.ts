/** Chapter 03's config client and configserver, as this chapter carries them. */
import path from 'node:path';

export { loadConfig } from '../../../config';
export { buildApp as buildConfigServerApp } from '../../../../configserver/src/app';
export { nativeRepository } from '../../../../configserver/src/repository/native-repository';
export { serve } from '../../../http';
export { copyRepo } from '../../../../configserver/test/repo-copy';

export const CONFIG_REPO = path.join(__dirname, '..', '..', '..', '..', 'config-repo');
