"""The columns a people directory's export names, in English and French, each field's names
compared folded (``_employment.folded``: case, accents, spaces and dashes aside; a JSON
field's camel case read apart)."""

from __future__ import annotations

# column names, English and French (an HR export names them in its own language), compared
# folded: case, accents, spaces and dashes aside ("Date de sortie" is date_de_sortie)
COLUMNS = {
    "id": ("id", "employee_id", "person_id", "uid", "matricule", "identifiant"),
    "name": ("name", "full_name", "display_name", "nom_complet", "prenom_nom", "nom_prenom"),
    # a first and a last name, joined when there is no full name (in French "Nom" is the last)
    "first_name": ("first_name", "given_name", "firstname", "prenom"),
    "last_name": ("last_name", "surname", "family_name", "lastname", "nom", "nom_de_famille"),
    # the first name (or whole name) the person goes by: "Joe" for Joseph Kamau
    "preferred": (
        *("preferred_name", "preferred_first_name", "known_as", "nickname", "goes_by"),
        *("prenom_usuel", "prenom_d_usage", "surnom"),
    ),
    "emails": (
        *("emails", "email", "mail", "e_mail", "adresse_e_mail", "adresse_email"),
        *("adresse_mail", "courriel", "adresse_courriel", "adresse_de_courriel"),
    ),
    "principal": ("user_principal_name",),  # (Graph's: the address where no mail is given)
    "handles": (
        *("handles", "handle", "usernames", "username", "pseudo", "identifiants", "login"),
        *("on_premises_sam_account_name", "s_amaccount_name"),  # (Entra ID's, AD's login)
    ),
    "title": (
        *("title", "job_title", "position", "poste", "fonction", "intitule_de_poste"),
        *("intitule_du_poste", "intitule", "titre", "titre_du_poste", "emploi", "job"),
        *("titre_d_emploi", "titre_emploi", "appellation_d_emploi", "emploi_occupe"),  # (Québec)
    ),
    "department": ("department", "dept", "team", "service", "departement", "direction", "equipe"),
    "manager": (
        *("manager", "manager_id", "responsable", "gestionnaire", "n_1"),
        *("superieur", "superieur_hierarchique", "responsable_hierarchique", "line_manager"),
        *("superieur_immediat", "gestionnaire_immediat", "superviseur", "superviseur_immediat"),
    ),
    "location": (
        *("location", "office", "site", "lieu", "bureau", "ville", "emplacement"),
        *("office_location", "city"),  # (Microsoft Graph's users: officeLocation, city)
    ),
    "internal": (
        *("internal", "is_internal", "interne_externe", "interne_ou_externe"),
        *("internal_external", "internal_or_external", "employment", "type", "statut"),
        *("type_de_contrat", "employee_type", "worker_type", "employment_type"),
        *("type_de_collaborateur", "user_type"),  # (Graph's userType: Member or Guest)
    ),
    "external": ("external", "externe", "is_external", "est_externe", "exterieur", "outsider"),
    "start_date": (
        *("start_date", "start", "hired", "date_d_entree", "date_entree", "arrivee"),
        *("date_d_embauche", "embauche", "date_d_arrivee", "date_arrivee", "date_embauche"),
        "employee_hire_date",
    ),
    "end_date": (
        *("end_date", "end", "left", "date_de_sortie", "date_sortie", "depart"),
        *("date_de_fin_de_contrat", "fin_de_contrat", "date_de_depart", "date_depart"),
        "employee_leave_date_time",
    ),
    "skills": (
        *("skills", "declared_skills", "expertise", "competences", "competences_declarees"),
        *("skills_declared", "self_declared_skills", "expertises", "domaines_d_expertise"),
        *("domaines_de_competence", "domaines_de_competences", "domaine_de_competence"),
        *("domaine_d_expertise", "competences_cles", "competences_clefs", "competence_cle"),
        *("competence_clef", "savoir_faire", "competence"),
    ),
}

__all__ = ["COLUMNS"]
