export const authResponse: AuthResponse = { user };
