from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        # Extranet accounts are created by provisioning or by an admin's invitation only.
        return False
