export const authResponse: AuthResponse = {
  access_token: "header.payload.signature",
  refresh_token: "refresh-token-one",
  token_type: "bearer",
  user,
};
