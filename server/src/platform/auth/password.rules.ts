/** Password policy (等保三级 baseline, platform-foundation issue): ≥ 8 characters, three of four classes, no username. */
export interface PasswordPolicy {
  minLength: number;
  minClasses: number;
}

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = { minLength: 8, minClasses: 3 };

/** Returns the Chinese reasons a password is refused; empty when it is acceptable. */
export function passwordViolations(
  password: string,
  username: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
): string[] {
  const out: string[] = [];
  if (password.length < policy.minLength) out.push(`密码长度至少 ${policy.minLength} 位`);
  if (password.length > 128) out.push('密码长度不能超过 128 位');
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (classes < policy.minClasses)
    out.push(`密码须包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.minClasses} 类`);
  if (username && password.toLowerCase().includes(username.toLowerCase())) out.push('密码不能包含用户名');
  return out;
}

/** Human text of the policy for the login page and forms. */
export function passwordPolicyHint(policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY): string {
  return `密码至少 ${policy.minLength} 位，包含大写字母、小写字母、数字、特殊字符中的至少 ${policy.minClasses} 类，且不能包含用户名`;
}
