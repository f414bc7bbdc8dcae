import { sameSecret } from './constant-time';

export interface DemoUser {
  username: string;
  password: string;
}

/** The one person of the demo landscape; both fields are compared in constant time. */
export function demoUserCheck(user: DemoUser): (username: string, password: string) => string | undefined {
  return (username, password) => {
    const nameOk = sameSecret(username, user.username);
    const passwordOk = sameSecret(password, user.password);
    return nameOk && passwordOk ? user.username : undefined;
  };
}
