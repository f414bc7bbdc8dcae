/**
 * Chapter 03's config client and configserver, borrowed by relative path until chapter 04's
 * solution carries its own copies (then these paths become ../../../config and ../../../../configserver).
 */
import path from 'node:path';

export { loadConfig } from '../../../../../03-config/common/config';
export { buildApp as buildConfigServerApp } from '../../../../../03-config/configserver/src/app';
export { nativeRepository } from '../../../../../03-config/configserver/src/repository/native-repository';
export { serve } from '../../../../../03-config/configserver/src/server';
export { copyRepo } from '../../../../../03-config/configserver/test/repo-copy';

export const CONFIG_REPO = path.join(__dirname, '..', '..', '..', '..', '..', '03-config', 'config-repo');
