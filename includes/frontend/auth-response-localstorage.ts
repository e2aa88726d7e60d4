export const authResponse: AuthResponse = {
  access_token: "header.payload.signature",
  token_type: "bearer",
  user,
};
